package dev.strongroom.aws;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import software.amazon.awssdk.services.ec2.Ec2Client;

/**
 * The vault's EC2 client (snapshots, volumes, attachments), built on its first call (see
 * {@link S3ClientProducer}; off EC2 that is never) and closed at shutdown. Like S3 it honours
 * strongroom.aws.endpoint, so a local moto_server serves it; building it touches no network, so a
 * missing EC2 never stops the vault from starting.
 */
@ApplicationScoped
public class Ec2ClientProducer {

    private final AwsConfig config;

    public Ec2ClientProducer(AwsConfig config) {
        this.config = config;
    }

    @Produces
    @ApplicationScoped
    Ec2Client ec2() {
        return SdkClientTuning.apply(Ec2Client.builder(), AwsSettings.of(config), config.region()).build();
    }

    void close(@Disposes Ec2Client ec2) {
        ec2.close();
    }
}
