package dev.strongroom.aws;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import software.amazon.awssdk.services.ec2.Ec2Client;

/**
 * The vault's EC2 client (snapshots, volumes, attachments), built once and closed at shutdown.
 * Like S3 it honours strongroom.aws.endpoint, so a local moto_server serves it; building it touches
 * no network, so a missing EC2 never stops the vault from starting.
 */
@ApplicationScoped
public class Ec2ClientProducer {

    private final Ec2Client ec2;

    public Ec2ClientProducer(AwsConfig config) {
        this.ec2 = SdkClientTuning.apply(Ec2Client.builder(), AwsSettings.of(config), config.region()).build();
    }

    @Produces
    @Singleton
    Ec2Client ec2() {
        return ec2;
    }

    @PreDestroy
    void close() {
        ec2.close();
    }
}
